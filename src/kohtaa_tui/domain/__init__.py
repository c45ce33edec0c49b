"""The pure core of kohtaa: steps, banks, scoring, journal, goals. Standard library only."""
