"""Typed, high-level SDK for Amazon Pinpoint."""
