"""Reading content: YAML with locations, pydantic models, and the checks an HR office needs."""
