"""Dialogs of the order desk: new order, new customer, cancel reason, place or modify a block."""
