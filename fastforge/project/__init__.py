"""An existing generated project: where it is (`locate`), what it serves (`inventory`),
and the commands its README gives to run and test it (`commands`)."""
