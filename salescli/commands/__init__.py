"""Thin Typer commands: parse options, call the rules, hand tables to the output layer."""
