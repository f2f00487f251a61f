print("smepilot")
