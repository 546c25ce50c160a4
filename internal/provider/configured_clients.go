package provider

import "sync"

// configuredClients hands the API clients of the framework provider's
// Configure to the plain server.
type configuredClients struct {
	mu      sync.Mutex
	clients *apiClients
}

func (c *configuredClients) set(clients *apiClients) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clients = clients
}

func (c *configuredClients) get() *apiClients {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.clients
}
