"""QCDesk 质量提升工作台: offline quality-supervision workbench for county inspectors."""

__version__ = "0.1.0"
