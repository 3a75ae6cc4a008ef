-- Downgrade of version 5 (1114dac3f5e4): agregar tabla tipo de mueble.
DROP TABLE furniture_type;
