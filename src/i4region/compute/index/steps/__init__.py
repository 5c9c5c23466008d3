"""The pipeline steps, one module each, in COINr's order: Denominate, Impute, Screen, Treat,
Normalise, Aggregate. Each exposes ``validate(params)`` (checked, defaulted parameters) and
``run(frame, data, params)`` returning the new data set and the details worth recording."""
