"""Extract stage: one spaCy pipeline whose components set the fact extensions on a Doc."""
