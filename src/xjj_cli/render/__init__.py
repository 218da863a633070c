"""Stage 4: turn results into what people and machines read (text, JSON, CSV, Markdown, …)."""
