package main

// Placeholder until the HTTP handler lands.

func (c *cli) serve(args []string) int { return c.fail("serve: not yet available") }
