"""UI: helpers several screens share (errors in words, list settings, headings)."""
