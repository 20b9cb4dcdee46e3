"""Placeholder; replaced by the PDF module."""


def find_cjk_font():
    return None
