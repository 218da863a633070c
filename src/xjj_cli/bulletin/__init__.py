"""The monthly bulletin (月度通报): its content model, built once from the engine's results."""
