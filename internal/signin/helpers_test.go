package signin
