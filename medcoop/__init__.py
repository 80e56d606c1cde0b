"""medcoop: query ACI Medellín's Special Report on Cooperation 2016, 2017, 2018."""

__version__ = "0.1.0"
