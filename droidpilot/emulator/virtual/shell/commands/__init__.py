"""The shell's own commands (builtins, file and text tools, device info), registered on import."""
