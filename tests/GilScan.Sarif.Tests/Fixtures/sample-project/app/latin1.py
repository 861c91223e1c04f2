# Saved as Latin-1 without a coding comment.
CITY = "Montréal"
