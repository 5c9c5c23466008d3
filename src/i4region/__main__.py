from i4region.cli import main

main()
