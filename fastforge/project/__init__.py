"""An existing generated project: where it is (`locate`) and what it serves (`inventory`)."""
