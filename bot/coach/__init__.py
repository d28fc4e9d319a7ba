"""The coaching engine: flows, composer and service. Never imports telegram."""
