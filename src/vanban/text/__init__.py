"""Text stages: normalisation and segmentation into Nghị định 30 regions."""
