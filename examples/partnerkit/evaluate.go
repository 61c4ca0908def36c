package main

// Placeholder until the evaluation commands land.

func (c *cli) evaluate(args []string) int { return c.fail("evaluate: not yet available") }

func (c *cli) framework(args []string) int { return c.fail("framework: not yet available") }
