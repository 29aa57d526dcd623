"""The app's screens, one module each; a screen never imports another."""
