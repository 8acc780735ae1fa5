"""What the trainings app prints: the annual plan, the plan-vs-actual report, the attendance workbook."""
