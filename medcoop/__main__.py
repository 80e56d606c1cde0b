from medcoop.cli import run

run()
