"""The quiz banks: NN.json (lesson NN) and exNN.json (exercise NN), read by nexus.feedback."""
