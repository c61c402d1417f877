"""Values to text: pages, charts, exports and calendars. Pure; knows locales and formats."""
