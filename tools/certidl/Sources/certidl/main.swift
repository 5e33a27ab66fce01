print("certidl: under construction")
