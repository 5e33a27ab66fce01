// Entry point of certctl; the real command tree is wired here as the service grows.
print("certctl: under construction")
