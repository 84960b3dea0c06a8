s/^O MinFreeBlocks=.*/O MinFreeBlocks=999999999999/
