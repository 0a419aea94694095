"""One assessment rendered for a reader: ``text`` for the terminal (rich tables that keep ids,
dates and numbers whole at any width). The web pages and the PDF report build on the same
pieces.
"""
