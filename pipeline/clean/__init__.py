"""Clean stage: raw source bytes -> CleanDoc."""
