"""Services layer: use cases, one transaction each."""
