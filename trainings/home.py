"""What the trainings app puts on the home pages (see p135portal/home.py)."""
