"""English word lists for the event side of the pipeline."""
