"""Errors that stop a command (raised as ``XjjError``, told on stderr) and why an
operating-system call failed, in words a clerk understands.
"""

from __future__ import annotations

import errno
from typing import Any

from xjj_cli.regular import NotRegularError, TooLargeError

# --- errors that stop a command (raised as XjjError, told on stderr) ---------------------------

ERRORS: dict[str, str] = {
    "folder.unreadable": "无法读取目录“{folder}”：{reason}",
    "fingerprint.unreadable": "无法读取“{path}”以计算数据指纹：{reason}",
    "data.invalid": "数据有 {count} 个错误，已停止。请先运行 xjj validate 查看并修改：",
    "data.more": "  ……只显示了前 {shown} 个，共 {count} 个错误",
    "month.format": "月份“{month}”格式不对；请写成 YYYY-MM，如 2026-10",
    "metric.unknown": "没有参与排名的指标“{metric}”{suggestion}；可用：{allowed}",
    "output.exists": "文件“{path}”已存在；为避免覆盖，请换一个 --out 目录，或加 --force 覆盖",
    "output.file_exists": "文件“{path}”已存在；为避免覆盖，请换一个 --out 文件名，或加 --force 覆盖",
    "output.folder": "无法创建输出目录“{folder}”：{reason}",
    "output.temp": "无法在“{folder}”中写入文件：{reason}",
    "output.write": "无法写入“{path}”：{reason}",
    "output.set": "无法写入“{path}”：{reason}；这一组文件都没有写入，原有文件保持不变",
    "output.step_summary": "无法写入 GITHUB_STEP_SUMMARY 指定的文件“{path}”：{reason}",
}


def error_message(key: str, /, **params: Any) -> str:
    """The sentence of an error that stops a command, filled with ``params``."""
    return ERRORS[key].format(**params)


# --- operating-system failures, in words a clerk understands ---------------------------------

OS_REASONS = {
    errno.EACCES: "没有读写权限",
    errno.EPERM: "没有读写权限",
    errno.ENOENT: "文件或目录不存在",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘为只读",
    errno.ENOTDIR: "路径中有同名文件，不是目录",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.EEXIST: "已存在同名文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "读写出错",
    errno.ELOOP: "符号链接指向自身（链接循环）",
}

SPECIAL_FILES: dict[str, str] = {
    "folder": "文件夹",
    "fifo": "命名管道（FIFO）",
    "socket": "套接字（socket）",
    "device": "设备文件",
}
"""What a path is when it is not a regular file (``regular.SpecialKind``)."""

FILE_REASONS = {
    "not_regular": "这是{kind}，不是普通文件",
    "too_large": "文件过大（{size:,} 字节，超过上限 {limit:,} 字节）",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese (the system's own words otherwise)."""
    if isinstance(exc, NotRegularError):
        return FILE_REASONS["not_regular"].format(kind=SPECIAL_FILES[exc.kind])
    if isinstance(exc, TooLargeError):
        return FILE_REASONS["too_large"].format(size=exc.size, limit=exc.limit)
    return OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
