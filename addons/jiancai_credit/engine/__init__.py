"""Pure credit arithmetic of jiancai_credit: plain data in, plain results out, no ORM."""
