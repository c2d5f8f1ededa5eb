"""Rendering: a packet and templates in, HTML or text out. No file or network I/O here."""
