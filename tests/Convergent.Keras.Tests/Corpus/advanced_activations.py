# Advanced activation layers and padding, Keras 2 spelling.
from keras.models import Sequential
from keras.layers import Conv2D, ZeroPadding2D, AveragePooling2D, GlobalMaxPooling2D, Dense
from keras.layers.advanced_activations import LeakyReLU, ELU
from keras.layers import ReLU, Softmax
from keras.optimizers import Adamax

model = Sequential()
model.add(ZeroPadding2D((1, 1), input_shape=(48, 48, 1)))
model.add(Conv2D(32, (3, 3)))
model.add(LeakyReLU(alpha=0.1))
model.add(ZeroPadding2D(padding=((0, 1), (0, 1))))
model.add(Conv2D(64, (3, 3), strides=2))
model.add(ELU(alpha=1.0))
model.add(AveragePooling2D(pool_size=2))
model.add(Conv2D(128, 3, dilation_rate=2))
model.add(ReLU(max_value=6.0))
model.add(GlobalMaxPooling2D())
model.add(Dense(7))
model.add(Softmax())
model.compile(optimizer=Adamax(lr=0.002), loss='categorical_crossentropy', metrics=['accuracy'])
model.fit(train_x, train_y, epochs=100, batch_size=64, verbose=2, initial_epoch=0)
