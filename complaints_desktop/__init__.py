"""complaints_desktop: complaints, compliments and enquiries for children's services."""

__version__ = "0.1.0"
