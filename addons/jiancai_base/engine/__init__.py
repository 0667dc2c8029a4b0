"""Pure business logic of jiancai_base: plain data in, plain results out, no ORM."""
