"""One module per group of ``ekg`` commands; each registers itself on ``kg.cli.app``."""
