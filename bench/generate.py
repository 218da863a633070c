"""Write a valid data repository of a given size, for benchmarks and scale tests.

    python bench/generate.py OUT --towns 1800 --projects 20000 --months 10 --seed 1 --problems 0

Figures are random but consistent: cumulative counts never fall, progress never goes
backwards, every reference exists. The district, domains and units follow the sample.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "data"
METRICS = ("5g.stations", "charging.piles", "iiot.cloud")
DOMAINS = ("5g", "grid", "rail", "charging", "datacenter", "ai", "iiot")
PREFIX = {
    "5g": "5G",
    "grid": "GRID",
    "rail": "RAIL",
    "charging": "CHG",
    "datacenter": "DC",
    "ai": "AI",
    "iiot": "IIOT",
}
OWNERS = (
    "tt",
    "gdgs",
    "qjt",
    "qfgj",
    "qdsj",
    "qkjj",
    "qgxj",
    "ctxny",
    "zxzh",
    "sgy",
    "tsjt",
    "xlqt",
    "jngd",
)


def generate(
    out: Path,
    *,
    towns: int,
    projects: int,
    months: int,
    seed: int,
    year: int = 2026,
    problems: int = 0,
) -> Path:
    """Create ``out/data`` and return it; ``problems``: entries of the problems ledger
    (problems/<year>.yaml), none by default."""
    rnd = random.Random(seed)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    shutil.copy(SAMPLE / "district.yaml", data / "district.yaml")
    shutil.copytree(SAMPLE / "domains", data / "domains")
    (data / "units").mkdir()
    shutil.copy(SAMPLE / "units" / "units.csv", data / "units" / "units.csv")
    codes = [f"t{i:04d}" for i in range(towns)]
    (data / "towns" / "progress").mkdir(parents=True)
    lines = ["code,name,kind"] + [f"{c},第{i + 1}号街道,街道" for i, c in enumerate(codes)]
    (data / "towns" / "towns.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    targets = {(c, m): rnd.randint(10, 80) for c in codes for m in METRICS}
    done = dict.fromkeys(targets, 0)
    for month in range(1, months + 1):
        rows = ["town,metric,target,completed"]
        for (town, metric), target in targets.items():
            done[town, metric] = min(
                target + 5, done[town, metric] + rnd.randint(0, max(1, target // 8))
            )
            rows.append(f"{town},{metric},{target},{done[town, metric]}")
        (data / "towns" / "progress" / f"{year}-{month:02d}.csv").write_text(
            "\n".join(rows) + "\n", encoding="utf-8"
        )
    for domain in DOMAINS:
        (data / "projects" / domain).mkdir(parents=True)
    for n in range(projects):
        domain = DOMAINS[n % len(DOMAINS)]
        pid = f"{PREFIX[domain]}-{year}-{n:05d}"
        start_month = rnd.randint(1, max(1, months - 1))
        total = rnd.randint(500, 20000)
        entries, percent, invested = [], 0, 0
        for month in range(start_month, months + 1):
            percent = min(100, percent + rnd.randint(0, 15))
            invested = min(total, invested + rnd.randint(0, total // 10))
            entries.append(
                f"  - month: {year}-{month:02d}\n    percent: {percent}\n    invested: {invested}"
            )
        text = (
            f"id: {pid}\nname: 第{n + 1}号新基建项目\ndomain: {domain}\nowner: {rnd.choice(OWNERS)}\n"
            f"towns: [{rnd.choice(codes)}, {rnd.choice(codes)}]\ncity_key: {str(rnd.random() < 0.2).lower()}\n"
            f"start: {year}-{start_month:02d}-01\nend: {year + 1}-06-30\n"
            f"investment: {{total: {total}, year: {total // 2}}}\n"
            f"milestones:\n  - {{name: 完成前期手续, due: {year}-{start_month:02d}-20, done: {year}-{start_month:02d}-18}}\n"
            f"  - {{name: 主体完工, due: {year + 1}-03-31}}\n"
            "progress:\n" + "\n".join(entries) + "\n"
        )
        (data / "projects" / domain / f"{pid}.yaml").write_text(text, encoding="utf-8")
    (data / "tasks").mkdir()
    tasks = [
        f"- id: SJ-{year}-{n:02d}\n  title: 市重点督办任务{n}\n  domain: {DOMAINS[n % 7]}\n"
        f"  units: [{OWNERS[n % len(OWNERS)]}, {rnd.choice(codes)}]\n  deadline: {year}-{1 + n % 12:02d}-28\n"
        f"  done: {'null' if n % 3 else f'{year}-{1 + n % 12:02d}-20'}"
        for n in range(1, 41)
    ]
    (data / "tasks" / f"{year}.yaml").write_text("\n".join(tasks) + "\n", encoding="utf-8")
    (data / "events").mkdir()
    if problems:
        write_ledger(data, rnd, codes, projects, months, year, problems)
    return data


def write_ledger(
    data: Path,
    rnd: random.Random,
    towns: list[str],
    projects: int,
    months: int,
    year: int,
    count: int,
) -> None:
    """The problems ledger: each entry holds a project up, raised by a town in one of the
    months, a department to solve it within 10 to 90 days; about half of them resolved,
    some late."""
    entries = []
    for n in range(count):
        index = rnd.randrange(projects)
        domain = DOMAINS[index % len(DOMAINS)]
        raised = dt.date(year, rnd.randint(1, months), rnd.randint(1, 28))
        deadline = raised + dt.timedelta(days=rnd.randint(10, 90))
        resolved = raised + dt.timedelta(days=rnd.randint(0, 120)) if rnd.random() < 0.5 else None
        # ``domain`` (the project's) and ``resolved: null`` are left out, as a clerk would:
        # 20,000 entries of every field would pass the loader's 200,000-value limit per file
        entries.append(
            f"- id: WT-{year}-{n + 1:05d}\n  project: {PREFIX[domain]}-{year}-{index:05d}\n"
            f"  text: 第{n + 1}号协调问题，施工场地协调难\n"
            f"  raised: {raised.isoformat()}\n  by: {rnd.choice(towns)}\n"
            f"  unit: {rnd.choice(OWNERS)}\n  deadline: {deadline.isoformat()}"
            + (f"\n  resolved: {resolved.isoformat()}" if resolved else "")
        )
    (data / "problems").mkdir()
    (data / "problems" / f"{year}.yaml").write_text("\n".join(entries) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--towns", type=int, default=1800)
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--months", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--problems", type=int, default=0)
    args = parser.parse_args()
    data = generate(
        args.out,
        towns=args.towns,
        projects=args.projects,
        months=args.months,
        seed=args.seed,
        problems=args.problems,
    )
    print(data)


if __name__ == "__main__":
    main()
