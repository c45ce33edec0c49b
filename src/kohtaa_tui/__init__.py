"""kohtaa: get better at customer encounters. Importing the package loads no UI."""

__version__ = "0.1.0"
