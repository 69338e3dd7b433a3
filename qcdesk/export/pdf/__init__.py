"""Official documents and the quarterly report as PDF (GB/T 9704-2012 layout)."""
