// Entry point of certd; the real command tree is wired here as the service grows.
print("certd: under construction")
