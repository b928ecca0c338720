"""Manual matching: a program's coordinator pairs people by hand, sees the fit, proposes or starts."""
