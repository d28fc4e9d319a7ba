"""Knowledge base: loaders, chunking, embeddings, index and hybrid retrieval."""
