"""The core of selftrust: models, vocabulary, time, settings and the journal store.

Pure Python: nothing here imports Textual, so the command line stays fast.
"""
