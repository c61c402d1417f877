"""The core: text to plan to progress. No files, no clock, no HTML, no site engine."""
