// Entry point of certload; the real command tree is wired here as the service grows.
print("certload: under construction")
