"""Files in and out: the only package that touches the disk. Never imports the UI."""
